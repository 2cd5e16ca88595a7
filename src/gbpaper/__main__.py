from gbpaper.launch import main

main()
