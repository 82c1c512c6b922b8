from skillmap.cli import main

raise SystemExit(main())
