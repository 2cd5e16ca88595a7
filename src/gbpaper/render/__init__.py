"""Renderers: each prints the numbered Paper in one format and counts nothing itself."""
