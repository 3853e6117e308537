"""What the tests share: asset paths (``paths``), the one small-library
builder and its fixtures (``library``), the folder of briefs an audit runs
on (``briefs``), PDF and Word files written by hand (``documents``) and a
scripted stand-in LLM (``llm``). ``tests/conftest.py`` loads the fixture
modules with ``pytest_plugins``; test modules import the helpers they use."""
