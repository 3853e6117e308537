"""Citation checking. ``extract`` finds citations in a document (eyecite plus
the shapes it misses); validation against the library comes later.
Importing this package imports nothing heavy: eyecite loads on first use."""
