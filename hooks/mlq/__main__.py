from mlq.cli import main

raise SystemExit(main())
