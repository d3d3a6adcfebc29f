import InfraCLI

ToolRunner.main(SetupTool.spec)
