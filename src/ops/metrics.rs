//! The bot's counters, in one process-wide registry, exposed at `/metrics`
//! in the Prometheus text format (by `prometheus-client`).
//!
//! Labels carry only closed sets (an intent's name, an outcome): never a
//! runner id, a server id or message text. Any module may count through the
//! free functions here; they cost an atomic add when nobody scrapes.

use std::sync::OnceLock;
use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

type Labelled = Family<[(&'static str, String); 1], Counter>;
/// Counters with two labels.
type Labelled2 = Family<[(&'static str, String); 2], Counter>;

struct Metrics {
    registry: Registry,
    messages: Labelled,
    replies: Labelled,
    reply_latency: Histogram,
    store_commit: Histogram,
    store_commit_group: Histogram,
    reminders: Labelled,
    reminders_pending: Gauge,
    warning_signs: Counter,
    reconnects: Counter,
    interactions: Labelled2,
    memory: Gauge,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let mut registry = Registry::with_prefix("cooldown");
        let messages = Labelled::default();
        registry.register(
            "messages",
            "Messages handled, by the intent they were read as",
            messages.clone(),
        );
        let replies = Labelled::default();
        registry.register(
            "replies",
            "Replies by outcome (sent, failed)",
            replies.clone(),
        );
        // 5 ms to about 20 s.
        let reply_latency = Histogram::new(exponential_buckets(0.005, 2.0, 13));
        registry.register(
            "reply_latency_seconds",
            "From a message's arrival to its reply being sent",
            reply_latency.clone(),
        );
        // 0.1 ms to about 3 s.
        let store_commit = Histogram::new(exponential_buckets(0.0001, 2.0, 15));
        registry.register(
            "store_commit_seconds",
            "Time a write waits until it is on disk (its group's flush)",
            store_commit.clone(),
        );
        // 1 to 512 writers.
        let store_commit_group = Histogram::new(exponential_buckets(1.0, 2.0, 10));
        registry.register(
            "store_commit_group_size",
            "How many writes one flush made durable (group commit)",
            store_commit_group.clone(),
        );
        let reminders = Labelled::default();
        registry.register(
            "reminders",
            "Reminders due, by outcome (sent, skipped, failed)",
            reminders.clone(),
        );
        let reminders_pending = Gauge::default();
        registry.register(
            "reminders_pending",
            "Reminders waiting to be sent",
            reminders_pending.clone(),
        );
        let warning_signs = Counter::default();
        registry.register(
            "warning_signs",
            "Medical warning signs answered with stop and get help",
            warning_signs.clone(),
        );
        let reconnects = Counter::default();
        registry.register(
            "gateway_reconnects",
            "Times the Discord gateway connected again after a drop",
            reconnects.clone(),
        );
        let interactions = Labelled2::default();
        registry.register(
            "interactions",
            "Slash commands, button presses and autocompletes, by kind and name",
            interactions.clone(),
        );
        let memory = Gauge::default();
        registry.register(
            "process_resident_memory_bytes",
            "Resident memory of the process",
            memory.clone(),
        );
        Metrics {
            registry,
            messages,
            replies,
            reply_latency,
            store_commit,
            store_commit_group,
            reminders,
            reminders_pending,
            warning_signs,
            reconnects,
            interactions,
            memory,
        }
    })
}

/// A message was handled and read as `intent` (the contract's intent name).
pub fn message_handled(intent: &str) {
    metrics()
        .messages
        .get_or_create(&[("intent", intent.to_owned())])
        .inc();
}

/// A reply reached Discord, `latency` after its message arrived.
pub fn reply_sent(latency: Duration) {
    let m = metrics();
    m.replies.get_or_create(&[("outcome", "sent".into())]).inc();
    m.reply_latency.observe(latency.as_secs_f64());
}

/// A reply could not be sent.
pub fn reply_failed() {
    metrics()
        .replies
        .get_or_create(&[("outcome", "failed".into())])
        .inc();
}

/// One change was written and flushed in `took`.
pub fn store_committed(took: Duration) {
    metrics().store_commit.observe(took.as_secs_f64());
}

/// One flush made `writes` writes durable at once.
pub fn store_commit_group(writes: usize) {
    metrics().store_commit_group.observe(writes as f64);
}

/// What became of a due reminder.
#[derive(Debug, Clone, Copy)]
pub enum ReminderOutcome {
    Sent,
    /// Not sent on purpose (the runner blocks DMs).
    Skipped,
    Failed,
}

/// A due reminder was sent, skipped or failed.
pub fn reminder(outcome: ReminderOutcome) {
    let name = match outcome {
        ReminderOutcome::Sent => "sent",
        ReminderOutcome::Skipped => "skipped",
        ReminderOutcome::Failed => "failed",
    };
    metrics()
        .reminders
        .get_or_create(&[("outcome", name.into())])
        .inc();
}

/// How many reminders are waiting.
pub fn reminders_pending(n: usize) {
    metrics()
        .reminders_pending
        .set(i64::try_from(n).unwrap_or(i64::MAX));
}

/// A medical warning sign was met with "stop and get help" (for the
/// engine's safety path to call).
pub fn warning_sign_raised() {
    metrics().warning_signs.inc();
}

/// The gateway connected again after a drop.
pub fn gateway_reconnected() {
    metrics().reconnects.inc();
}

/// A Discord interaction arrived: `kind` is "slash", "button" or
/// "autocomplete", `name` the command or button action. Both come from
/// closed lists of the bot's own (the transport maps anything else to
/// "other"), so a label can never carry what a user typed.
pub fn interaction(kind: &'static str, name: &'static str) {
    metrics()
        .interactions
        .get_or_create(&[("kind", kind.into()), ("name", name.into())])
        .inc();
}

/// The whole registry in the Prometheus text format.
pub fn render() -> String {
    let m = metrics();
    if let Some(bytes) = resident_memory() {
        m.memory.set(i64::try_from(bytes).unwrap_or(i64::MAX));
    }
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = encode(&mut out, &m.registry);
    out
}

/// Resident set size from `/proc/self/statm` (Linux; elsewhere none).
fn resident_memory() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // The page size is 4 KiB on the platforms we ship for.
    Some(pages * 4096)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counters_show_in_the_text_format() {
        super::message_handled("log_run");
        super::warning_sign_raised();
        super::interaction("button", "undo");
        let text = super::render();
        assert!(
            text.contains("cooldown_messages_total{intent=\"log_run\"}"),
            "{text}"
        );
        assert!(text.contains("cooldown_warning_signs_total"), "{text}");
        super::store_commit_group(3);
        let text = super::render();
        assert!(
            text.contains("cooldown_store_commit_group_size_count"),
            "{text}"
        );
        assert!(
            text.contains("cooldown_interactions_total{kind=\"button\",name=\"undo\"}"),
            "{text}"
        );
        assert!(
            text.contains("cooldown_process_resident_memory_bytes"),
            "{text}"
        );
        assert!(text.ends_with("# EOF\n"), "{text}");
    }

    /// The sample dashboard in deploy/ queries only metrics this build
    /// exports: a renamed metric would leave an operator's panel empty.
    #[test]
    fn the_sample_dashboard_queries_real_metrics() {
        let text = super::render();
        let dashboard = include_str!("../../deploy/grafana-dashboard.json");
        let queried = regex::Regex::new(r"cooldown_[a-z_]+").unwrap();
        let mut seen = 0;
        for m in queried.find_iter(dashboard) {
            let name = m.as_str();
            let base = ["_total", "_bucket", "_sum", "_count"]
                .iter()
                .find_map(|s| name.strip_suffix(s))
                .unwrap_or(name);
            assert!(
                text.contains(&format!("# TYPE {base} ")),
                "the dashboard queries {name}, which /metrics does not export"
            );
            seen += 1;
        }
        assert!(seen >= 10, "{seen}");
    }
}
