# Tests of the whole system: real trytond servers, JSON-RPC, the browser.
# Run with: python -m unittest discover -s tests -t .   (see tests/server.py)
