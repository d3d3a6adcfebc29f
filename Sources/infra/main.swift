import InfraCLI

MultiCall.main()
