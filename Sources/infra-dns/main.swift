import InfraCLI

ToolRunner.main(DNSTool.spec)
