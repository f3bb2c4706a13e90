"""Domain and services of CPPCC Desk (政协履职工作台). No Qt in this package."""

APP_NAME = "cppcc-desk"
APP_TITLE = "政协履职工作台"

# The same as pyproject.toml's version (a test checks it): read from a constant,
# because asking importlib.metadata costs a tenth of a second at every start.
__version__ = "0.1.0"
