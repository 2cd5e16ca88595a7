"""Benchmarks of gbpaper against pandoc on synthetic papers (`make bench`)."""
