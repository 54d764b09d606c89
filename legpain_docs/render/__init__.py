"""One module per output; each turns the content model into the bytes of one file."""
