"""The suite's shared fixtures come from tests/support (see its __init__):
small real libraries built from corpora/, one ONNX export per session, and
the folder of briefs the audit tests run on.

``pytest -m "not slow"`` is the fast subset for the edit-test loop: it
leaves out what builds a dense index, drives a browser, runs notebooks, Ray
or whole-app subprocesses. ``make test`` runs everything."""
pytest_plugins = ["support.library", "support.briefs"]
