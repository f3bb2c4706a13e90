"""Templates, icons and the style sheet, loaded with importlib.resources."""
