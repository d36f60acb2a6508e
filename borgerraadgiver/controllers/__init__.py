from . import thread
