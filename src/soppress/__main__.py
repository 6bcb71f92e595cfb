from soppress.cli import main

main()
