//! What the keys of an encrypted journal say when one does not do, in each
//! language: an identity that cannot be read or opened, a key that is not
//! a public key.

/// The keys' words.
pub struct KeyWords {
    pub identity_unreadable: fn(&str, &str) -> String,
    pub identity_to_a_key: fn(&str) -> String,
    pub passphrase_needed: fn(&str) -> String,
    pub passphrase_wrong: fn(&str) -> String,
    pub not_ssh_key: fn(&str) -> String,
    pub ssh_kind_unusable: fn(&str) -> String,
    pub not_identity_file: fn(&str) -> String,
    pub identity_unusable: fn(&str, &str) -> String,
    pub identity_empty: fn(&str) -> String,
    pub no_public_key_here: fn(&str) -> String,
    pub public_key_unknown: fn(&str) -> String,
    pub no_recipient: &'static str,
    pub secret_for_public: &'static str,
    pub not_public_key: fn(&str) -> String,
    pub not_age_file: fn(&str, &str) -> String,
    pub cannot_decrypt: fn(&str, &str) -> String,
    pub cannot_encrypt: fn(&str) -> String,
    pub plugin_unusable: fn(&str, &str) -> String,
}

pub static EN: KeyWords = KeyWords {
    not_age_file: |path, err| format!("{path} is not a readable age file ({err})"),
    cannot_decrypt: |path, err| format!("{path} cannot be decrypted: {err}"),
    cannot_encrypt: |err| format!("could not encrypt to the journal's keys: {err}"),
    plugin_unusable: |name, err| format!("the age plugin for {name} cannot be used: {err}"),
    identity_unreadable: |path, err| format!("the identity {path} is not a readable age file ({err})"),
    identity_to_a_key: |path| {
        format!("the identity {path} is encrypted to a key, not to a passphrase; give bezin the key itself")
    },
    passphrase_needed: |path| format!("the identity {path} needs its passphrase, and none was given"),
    passphrase_wrong: |path| format!("that passphrase does not open the identity {path}"),
    not_ssh_key: |path| format!("{path} is not an SSH private key age can use"),
    ssh_kind_unusable: |path| format!("{path} is an SSH key of a kind age cannot use; use ed25519 or RSA"),
    not_identity_file: |path| format!("{path} is not an age identity file (AGE-SECRET-KEY-1…)"),
    identity_unusable: |path, err| format!("the identity {path} cannot be used: {err}"),
    identity_empty: |path| format!("the identity file {path} holds no key"),
    no_public_key_here: |path| format!("{path} is not an age identity file; give the public keys with --recipient"),
    public_key_unknown: |path| format!("the public key of {path} cannot be worked out here; give it with --recipient"),
    no_recipient: "no recipient was given; name at least one key",
    secret_for_public: "a secret key (an identity) was given where a public key belongs; give its public key instead",
    not_public_key: |key| {
        format!("'{key}' is not a public key age knows (age1…, ssh-ed25519 …, ssh-rsa …, age1plugin…)")
    },
};

pub static NL: KeyWords = KeyWords {
    not_age_file: |path, err| format!("{path} is geen leesbaar age-bestand ({err})"),
    cannot_decrypt: |path, err| format!("{path} kan niet worden ontsleuteld: {err}"),
    cannot_encrypt: |err| format!("kon niet versleutelen voor de sleutels van het dagboek: {err}"),
    plugin_unusable: |name, err| format!("de age-plugin voor {name} is niet te gebruiken: {err}"),
    identity_unreadable: |path, err| format!("de identiteit {path} is geen leesbaar age-bestand ({err})"),
    identity_to_a_key: |path| {
        format!(
            "de identiteit {path} is versleuteld met een sleutel, niet met een wachtwoordzin; geef bezin de sleutel \
             zelf"
        )
    },
    passphrase_needed: |path| format!("de identiteit {path} vraagt om haar wachtwoordzin, en er is er geen gegeven"),
    passphrase_wrong: |path| format!("die wachtwoordzin opent de identiteit {path} niet"),
    not_ssh_key: |path| format!("{path} is geen geheime SSH-sleutel die age kan gebruiken"),
    ssh_kind_unusable: |path| {
        format!("{path} is een SSH-sleutel van een soort die age niet kan gebruiken; gebruik ed25519 of RSA")
    },
    not_identity_file: |path| format!("{path} is geen identiteitsbestand van age (AGE-SECRET-KEY-1…)"),
    identity_unusable: |path, err| format!("de identiteit {path} is niet te gebruiken: {err}"),
    identity_empty: |path| format!("het identiteitsbestand {path} bevat geen sleutel"),
    no_public_key_here: |path| {
        format!("{path} is geen identiteitsbestand van age; geef de publieke sleutels met --recipient")
    },
    public_key_unknown: |path| {
        format!("de publieke sleutel van {path} is hier niet af te leiden; geef hem met --recipient")
    },
    no_recipient: "er is geen ontvanger gegeven; noem minstens één sleutel",
    secret_for_public: "er is een geheime sleutel (een identiteit) gegeven waar een publieke hoort; geef de publieke \
                        sleutel ervan",
    not_public_key: |key| {
        format!("'{key}' is geen publieke sleutel die age kent (age1…, ssh-ed25519 …, ssh-rsa …, age1plugin…)")
    },
};
