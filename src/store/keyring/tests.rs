//! The keyring's tests: keys kept, appended together, forgotten for good.

use super::*;

#[test]
fn keys_survive_a_reload_and_a_forget_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let ring = Keyring::load(dir.path()).unwrap();
    let (a, b) = (UserId::new("42"), UserId::new("43"));
    let ka = ring.get_or_create(&a).unwrap();
    ring.get_or_create(&b).unwrap();
    assert_eq!(ring.get_or_create(&a).unwrap(), ka, "one key per runner");
    let again = Keyring::load(dir.path()).unwrap();
    assert_eq!(again.get(&a), Some(ka.clone()));
    assert_eq!(again.by_pseudonym(&ka.pseudonym).unwrap().0, a);
    assert!(again.forget(&a).unwrap());
    let last = Keyring::load(dir.path()).unwrap();
    assert_eq!(last.get(&a), None);
    assert!(last.by_pseudonym(&ka.pseudonym).is_none());
    assert!(last.get(&b).is_some());
}

#[test]
fn runners_arriving_together_are_appended_and_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ring = Keyring::load(dir.path()).unwrap();
    let keys: Vec<RunnerKey> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..16)
            .map(|i| {
                let ring = &ring;
                s.spawn(move || ring.get_or_create(&UserId::new(format!("r{i}"))).unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let text = std::fs::read_to_string(dir.path().join(KEYRING_NAME)).unwrap();
    assert_eq!(text.matches(HEADER).count(), 1, "{text}");
    assert_eq!(text.lines().count(), 17, "{text}");
    let again = Keyring::load(dir.path()).unwrap();
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(again.get(&UserId::new(format!("r{i}"))).as_ref(), Some(k));
    }
    // A delete rewrites the file without the runner; later appends go
    // on after it.
    assert!(again.forget(&UserId::new("r3")).unwrap());
    again.get_or_create(&UserId::new("late")).unwrap();
    let last = Keyring::load(dir.path()).unwrap();
    assert!(last.get(&UserId::new("r3")).is_none());
    assert!(last.get(&UserId::new("late")).is_some());
    assert_eq!(last.entries().len(), 16);
}

#[test]
fn an_append_cut_by_a_crash_is_ignored_but_a_bad_whole_line_is_damage() {
    let dir = tempfile::tempdir().unwrap();
    let ring = Keyring::load(dir.path()).unwrap();
    let k = ring.get_or_create(&UserId::new("42")).unwrap();
    let path = dir.path().join(KEYRING_NAME);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"user\":\"43\",\"pseudo");
    std::fs::write(&path, &text).unwrap();
    let again = Keyring::load(dir.path()).unwrap();
    assert_eq!(again.get(&UserId::new("42")), Some(k));
    assert_eq!(again.entries().len(), 1);
    text.push('\n');
    std::fs::write(&path, &text).unwrap();
    assert!(matches!(
        Keyring::load(dir.path()),
        Err(StoreError::Damaged { .. })
    ));
}
