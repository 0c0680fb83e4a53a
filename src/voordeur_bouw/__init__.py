"""Build-time code of the module: not part of the student package (the wheel ships only ``voordeur``).

- :mod:`voordeur_bouw.vaste_delen`: the fixed parts every lesson gets at build time (title, content note
  with help lines, sources, navigation, the lesson overview);
- :mod:`voordeur_bouw.cbs`: the StatLine refresh of the Veilig Thuis tables (``make refresh-data``);
- :mod:`voordeur_bouw.schema`: writes ``data/quizzes/schema.json`` for editors.

Importable in a development checkout (the editable install puts ``src/`` on the path); the build entry
point is ``tools/build.py``.
"""
