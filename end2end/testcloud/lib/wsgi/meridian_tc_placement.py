"""gunicorn entry point for placement (see meridian_tc_shim)."""
from meridian_tc_shim import prepare

prepare("placement", "placement-api")

from placement.wsgi.api import application  # noqa: E402,F401
