"""`python -m meshtag.cli …` is the `meshtag` command."""
from meshtag.cli import main

main()
