//! A table by entry id, made small since a merge holds a row for every
//! entry of the journal: the ids side by side in one string, the rows in
//! one list in the order their ids came, and a hash table of row numbers.
//! The ids are hashed as the standard map hashes them, with keys of its
//! own, so that ids chosen to collide cannot slow it down.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

pub struct EntryTable<V> {
    ids: String,
    /// Where the id of each row ends in `ids`; the next one starts there.
    ends: Vec<usize>,
    rows: Vec<V>,
    by_hash: HashTable<u32>,
    hasher: RandomState,
}

impl<V> Default for EntryTable<V> {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

impl<V> EntryTable<V> {
    /// Room for `rows` rows at once, so that no list is held twice while it grows.
    pub fn with_capacity(rows: usize) -> Self {
        EntryTable {
            ids: String::new(),
            ends: Vec::with_capacity(rows),
            rows: Vec::with_capacity(rows),
            by_hash: HashTable::with_capacity(rows),
            hasher: RandomState::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The number of every row, in the order they were added: four bytes
    /// each, to order them.
    pub fn numbers(&self) -> std::ops::Range<u32> {
        0..u32::try_from(self.rows.len()).expect("fewer than 2^32 rows, as `push` keeps")
    }

    /// The number of the row of `id`.
    pub fn find(&self, id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        self.by_hash.find(hash, |&row| self.id(row) == id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&V> {
        self.find(id).map(|row| self.row(row))
    }

    /// The id of row `row`.
    pub fn id(&self, row: u32) -> &str {
        id_of(&self.ids, &self.ends, row)
    }

    pub fn row(&self, row: u32) -> &V {
        &self.rows[row as usize]
    }

    pub fn row_mut(&mut self, row: u32) -> &mut V {
        &mut self.rows[row as usize]
    }

    /// Adds a row for `id`, which the table does not hold yet.
    pub fn push(&mut self, id: &str, value: V) {
        let row = u32::try_from(self.rows.len()).expect("fewer than 2^32 entries in memory");
        self.ids.push_str(id);
        self.ends.push(self.ids.len());
        self.rows.push(value);
        let EntryTable { ids, ends, by_hash, hasher, .. } = self;
        by_hash.insert_unique(hasher.hash_one(id), row, |&row| hasher.hash_one(id_of(ids, ends, row)));
    }
}

/// The id of row `row`, from where each id ends in `ids`.
fn id_of<'a>(ids: &'a str, ends: &[usize], row: u32) -> &'a str {
    let row = row as usize;
    let start = if row == 0 { 0 } else { ends[row - 1] };
    &ids[start..ends[row]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_id_and_keeps_its_row() {
        let mut table = EntryTable::with_capacity(2);
        for number in 0..1000 {
            table.push(&format!("id-{number}"), number);
        }
        assert_eq!((table.len(), table.numbers()), (1000, 0..1000));
        assert_eq!(table.get("id-0"), Some(&0));
        assert_eq!(table.get("id-999"), Some(&999));
        assert_eq!(table.get("id-1000"), None);
        assert_eq!(table.get(""), None);
        let row = table.find("id-500").unwrap();
        *table.row_mut(row) = 5;
        assert_eq!((table.id(row), *table.row(row)), ("id-500", 5));
    }

    #[test]
    fn an_empty_id_and_ids_that_run_together_stay_apart() {
        let mut table = EntryTable::default();
        table.push("", 'a');
        table.push("ab", 'b');
        table.push("a", 'c');
        table.push("b", 'd');
        assert_eq!(["", "ab", "a", "b"].map(|id| table.get(id).copied()), [Some('a'), Some('b'), Some('c'), Some('d')]);
    }
}
