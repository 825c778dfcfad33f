# The terminal interface (issue: the terminal UI).
