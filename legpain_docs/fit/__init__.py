"""Whether each output can hold an article: cheap bounds from font metrics, the renderer's own measure when they cannot tell."""
