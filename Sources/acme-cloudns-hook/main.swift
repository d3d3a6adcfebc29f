import InfraCLI

ToolRunner.main(ACMEHookTool.spec)
