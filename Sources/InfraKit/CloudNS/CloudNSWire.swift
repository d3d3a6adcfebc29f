import Foundation

/// The JSON CloudNS answers with, decoded leniently: ids, TTLs and numbers arrive as strings in
/// some methods and as numbers in others, and an empty list is `[]` or `{}`.
enum CloudNSWire {
    /// A number sent as a JSON number or a numeric string; `""`, `null` and other text are nil.
    struct LenientInt: Decodable {
        let value: Int?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = number
            } else if let text = try? container.decode(String.self) {
                value = Int(text.trimmingBlanks)
            } else if let flag = try? container.decode(Bool.self) {
                value = flag ? 1 : 0
            } else {
                value = nil
            }
        }
    }

    /// An id sent as a string or a number.
    struct LenientString: Decodable {
        let value: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = String(number)
            } else {
                value = try container.decode(String.self)
            }
        }
    }

    struct Record: Decodable {
        let id: LenientString
        let type: String
        let host: String
        let record: String
        let ttl: LenientInt
        let status: LenientInt?
        let priority: LenientInt?
        let weight: LenientInt?
        let port: LenientInt?

        func model() -> DNSRecord {
            DNSRecord(
                id: id.value, host: host, type: type, value: record, ttl: ttl.value ?? 0,
                priority: priority?.value, weight: weight?.value, port: port?.value,
                isActive: (status?.value ?? 1) != 0)
        }
    }

    /// records.json: an object keyed by record id, or `[]` when nothing matches.
    struct RecordPage: Decodable {
        let records: [Record]

        init(from decoder: any Decoder) throws {
            if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
                records = try keyed.allKeys.map { try keyed.decode(Record.self, forKey: $0) }
            } else {
                records = try decoder.singleValueContainer().decode([Record].self)
            }
        }
    }

    struct Zone: Decodable {
        let name: String
        let type: String
        let zone: String?
        let isUpdated: LenientInt?

        func model() -> CloudNSZone {
            CloudNSZone(name: name, type: type, kind: zone ?? "domain", isUpdated: isUpdated?.value.map { $0 != 0 })
        }
    }

    /// list-zones: an array of zones; an empty page is `[]` or, reportedly, `{}`.
    struct ZonePage: Decodable {
        let zones: [Zone]

        init(from decoder: any Decoder) throws {
            if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
                guard keyed.allKeys.isEmpty else {
                    throw DecodingError.typeMismatch(
                        [Zone].self, .init(codingPath: [], debugDescription: "expected a list of zones"))
                }
                zones = []
            } else {
                zones = try decoder.singleValueContainer().decode([Zone].self)
            }
        }
    }

    struct ZoneInfo: Decodable {
        let name: String
        let type: String
        let zone: String?
        let cloudMaster: String?

        enum CodingKeys: String, CodingKey {
            case name, type, zone
            case cloudMaster = "cloud-master"
        }
    }

    struct ServerStatus: Decodable {
        let server: String
        let ip4: String?
        let ip6: String?
        let updated: Bool
    }

    /// add-record: `{"status":"Success",…,"data":{"id":273123233}}`.
    struct AddAnswer: Decodable {
        struct Payload: Decodable { let id: LenientString }
        let data: Payload
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int?
        init(stringValue: String) { (self.stringValue, intValue) = (stringValue, nil) }
        init(intValue: Int) { (stringValue, self.intValue) = (String(intValue), intValue) }
    }
}
