//! Tells the health check what the gateway is doing: polls serenity's shard
//! runners every two seconds for their connection stage and heartbeat
//! latency (a new latency means a heartbeat was acknowledged, a sign of
//! life even in a quiet server).

use std::sync::Arc;
use std::time::Duration;

use serenity::gateway::{ConnectionStage, ShardManager};

use crate::ops::health;

/// Watches `shards` until the task is aborted.
pub(super) fn spawn(shards: Arc<ShardManager>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut last_latency = None;
        loop {
            let (connected, latency) = {
                let runners = shards.runners.lock().await;
                let connected = !runners.is_empty()
                    && runners
                        .values()
                        .all(|r| r.stage == ConnectionStage::Connected);
                (connected, runners.values().find_map(|r| r.latency))
            };
            health::gateway_connected(connected);
            if connected && latency.is_some() && latency != last_latency {
                health::gateway_event();
            }
            last_latency = latency;
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    })
}
