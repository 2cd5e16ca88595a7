"""gbpaper: compiles ILO Governing Body papers from the units' submissions."""
