import InfraCLI

ToolRunner.main(StatusTool.spec)
