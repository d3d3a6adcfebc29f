import Foundation

/// Envelopes of the Cloud API's answers: the error object, list pages and single-object roots.
enum HetznerCloudWire {
    struct ErrorEnvelope: Decodable {
        let error: Detail

        struct Detail: Decodable {
            let code: String
            let message: String
            let details: Details?
        }

        struct Details: Decodable {
            let fields: [Field]?
        }

        struct Field: Decodable {
            let name: String
            let messages: [String]?
        }
    }

    /// The key of the list or object at the top of an answer, set in the decoder's `userInfo`.
    static let rootKey = CodingUserInfoKey(rawValue: "hetzner.rootKey")!

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `{"<root>": [...], "meta": {"pagination": {...}}}`
    struct Page<Item: Decodable>: Decodable {
        let items: [Item]
        let nextPage: Int?

        init(from decoder: any Decoder) throws {
            let root = decoder.userInfo[HetznerCloudWire.rootKey] as? String ?? "items"
            let container = try decoder.container(keyedBy: Key.self)
            items = try container.decode([Item].self, forKey: Key(root))
            let meta = try container.decodeIfPresent(Meta.self, forKey: Key("meta"))
            nextPage = meta?.pagination?.nextPage
        }
    }

    struct Meta: Decodable {
        let pagination: Pagination?
    }

    struct Pagination: Decodable {
        let nextPage: Int?

        enum CodingKeys: String, CodingKey {
            case nextPage = "next_page"
        }
    }

    /// `{"<root>": {...}}`
    struct Single<Item: Decodable>: Decodable {
        let item: Item

        init(from decoder: any Decoder) throws {
            let root = decoder.userInfo[HetznerCloudWire.rootKey] as? String ?? "item"
            item = try decoder.container(keyedBy: Key.self).decode(Item.self, forKey: Key(root))
        }
    }

    /// `{"action": {...}}`, possibly beside the created object.
    struct ActionRoot: Decodable {
        let action: HetznerAction
    }

    /// Answers to a create: the object and the action creating it (null for some resources).
    struct Created<Item: Decodable>: Decodable {
        let item: Item
        let action: HetznerAction?

        init(from decoder: any Decoder) throws {
            let root = decoder.userInfo[HetznerCloudWire.rootKey] as? String ?? "item"
            let container = try decoder.container(keyedBy: Key.self)
            item = try container.decode(Item.self, forKey: Key(root))
            action = try container.decodeIfPresent(HetznerAction.self, forKey: Key("action"))
        }
    }
}
