"""Domain and services of CPPCC Desk (政协履职工作台). No Qt in this package."""

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "cppcc-desk"
APP_TITLE = "政协履职工作台"

try:
    __version__ = version(APP_NAME)
except PackageNotFoundError:  # running from a frozen build without metadata
    __version__ = "0.1.0"
