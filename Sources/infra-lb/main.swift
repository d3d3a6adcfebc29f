import InfraCLI

ToolRunner.main(LoadBalancerTool.spec)
