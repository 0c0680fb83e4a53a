"""Helper package for the teaching module *Veiligheid achter de voordeur*.

One job per module:

- ``voordeur.data``: load a named dataset from the Frictionless data package as a typed DataFrame.
- ``voordeur.charts``: the chart house style (palette, Dutch numbers, source line, alt text).
- ``voordeur.quiz``: case quizzes (question banks as YAML, pure logic, ipywidgets view).
- ``voordeur.checks``: formative feedback for the exercises.
- ``voordeur.les``: what every lesson shares (start cell, friendly errors, lesson list).

Submodules are imported on demand so that ``import voordeur`` stays cheap.
"""

__version__ = "0.1.0"
