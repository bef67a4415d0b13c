"""``python -m dossier``: the same command line as the ``dossier`` script."""

from dossier.cli import main

if __name__ == "__main__":
    main()
