import InfraKit
