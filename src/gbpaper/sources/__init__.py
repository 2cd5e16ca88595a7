"""Reading input files: bytes to checked text, text to raw data that remembers its positions."""
