"""`python -m pipeline` runs the `committee` command."""

from pipeline.cli import main

if __name__ == "__main__":
    main()
