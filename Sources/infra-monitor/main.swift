import InfraCLI

ToolRunner.main(MonitorTool.spec)
