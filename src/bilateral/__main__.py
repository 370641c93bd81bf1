"""`python -m bilateral` runs the command line."""
from bilateral.cli.main import main

main()
