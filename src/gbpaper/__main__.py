from gbpaper.cli import main

main()
