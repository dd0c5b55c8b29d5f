"""Device-scale benchmark of the live hall against a bare ``websockets`` floor."""
