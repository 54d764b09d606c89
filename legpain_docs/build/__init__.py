"""Building a library: the registry of output kinds, the manifest of what each output was made
from, the timestamp policy, and the build that ties them together (`legpain-docs build`)."""
