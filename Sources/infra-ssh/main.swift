import InfraCLI

ToolRunner.main(SSHTool.spec)
