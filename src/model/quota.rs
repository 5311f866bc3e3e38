use serde::{Deserialize, Serialize};

/// One resource's use against its limit, e.g. "Instances 2 of 10".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaItem {
    pub label: String,
    pub used: i64,
    /// `None` when the cloud sets no limit (OpenStack says -1).
    pub limit: Option<i64>,
    /// Unit shown after the numbers ("GB", "MB"), empty for counts.
    pub unit: String,
}

impl QuotaItem {
    pub fn new(label: &str, used: i64, limit: i64, unit: &str) -> Self {
        QuotaItem {
            label: label.to_string(),
            used: used.max(0),
            limit: (limit >= 0).then_some(limit),
            unit: unit.to_string(),
        }
    }

    /// Share of the limit in use, 0–100, for the chart. Unlimited resources show 0.
    pub fn percent(&self) -> u32 {
        match self.limit {
            Some(0) if self.used > 0 => 100,
            Some(0) => 0,
            Some(limit) => ((self.used.max(0) as f64 / limit as f64) * 100.0)
                .round()
                .clamp(0.0, 100.0) as u32,
            None => 0,
        }
    }
}

/// The quotas of one service, or why they could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceQuotas {
    /// "Compute", "Network", "Volume".
    pub service: String,
    pub items: Result<Vec<QuotaItem>, String>,
}

/// Project › Overview: limits and usage from every service, fetched in parallel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub project_name: String,
    pub services: Vec<ServiceQuotas>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlimited_is_none_and_zero_percent() {
        let q = QuotaItem::new("Instances", 3, -1, "");
        assert_eq!(q.limit, None);
        assert_eq!(q.percent(), 0);
    }

    #[test]
    fn percent_rounds_and_clamps() {
        assert_eq!(QuotaItem::new("a", 1, 3, "").percent(), 33);
        assert_eq!(QuotaItem::new("a", 12, 10, "").percent(), 100);
        assert_eq!(QuotaItem::new("a", 1, 0, "").percent(), 100);
        assert_eq!(QuotaItem::new("a", 0, 0, "").percent(), 0);
    }
}
