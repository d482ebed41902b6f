"""Optional integrations with other tools; each module imports its tool only when imported.

- :mod:`cleaner.integrations.datatrove`: datatrove pipeline steps (``pip install 'cleaner[datatrove]'``)
- :mod:`cleaner.integrations.datatrove_example`: a two-stage example pipeline (local, Slurm, Ray)
"""
