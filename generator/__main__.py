"""Run the CLI as `python -m generator`."""
from .cli import main

main()
