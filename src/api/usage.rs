//! Usage and cost over a period: the project's (Project › Overview) and every project's
//! (Admin › Overview). The same reports are served as CSV by `server::usage_csv`.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::usage::UsageReport;

/// The current project's usage and cost over the period (`start`, `end`: see
/// `Period::parse`; none: the month so far).
#[server(endpoint = "project_usage_report")]
pub async fn project_usage_report(
    start: Option<String>,
    end: Option<String>,
) -> Result<UsageReport, AppError> {
    use crate::model::policy::Action;
    let (state, session, auth) = super::ssr::require(Action::ViewProject).await?;
    let period = ssr::period(start.as_deref(), end.as_deref())?;
    let work = ssr::report(&state, &auth, period, false);
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Every project's usage and cost over the period (admins).
#[server(endpoint = "cloud_usage_report")]
pub async fn cloud_usage_report(
    start: Option<String>,
    end: Option<String>,
) -> Result<UsageReport, AppError> {
    use crate::model::policy::Action;
    let (state, session, auth) = super::ssr::require(Action::ViewCloud).await?;
    let period = ssr::period(start.as_deref(), end.as_deref())?;
    let work = ssr::report(&state, &auth, period, true);
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use std::collections::{BTreeMap, HashMap};

    use crate::error::AppError;
    use crate::model::usage::{
        hours_within, Period, ProjectUsage, ServerUsage, UsageFigures, UsageReport, HOURS_PER_MONTH,
    };
    use crate::openstack::usage::{self, Held};
    use crate::openstack::OsError;
    use crate::session::AuthState;
    use crate::state::AppState;

    pub fn period(start: Option<&str>, end: Option<&str>) -> Result<Period, AppError> {
        Period::parse(start, end, chrono::Utc::now())
            .map_err(|(field, message)| AppError::bad_input(field, message))
    }

    /// The report: Nova's usage and the other services' resources, asked all at once. A
    /// service that fails leaves a gap (said in words), not an error page.
    pub async fn report(
        state: &AppState,
        auth: &AuthState,
        period: Period,
        all_projects: bool,
    ) -> Result<UsageReport, AppError> {
        let os = auth.scoped(&state.cloud);
        let pid = auth.project.id.as_str();
        let servers = async {
            if all_projects {
                usage::all_projects_servers(&os, &period).await
            } else {
                usage::project_servers(&os, pid, &period)
                    .await
                    .map(|s| HashMap::from([(pid.to_string(), s)]))
            }
        };
        let names = async {
            if all_projects {
                crate::openstack::auth::all_projects(&state.cloud, &auth.token)
                    .await
                    .unwrap_or_default()
            } else {
                vec![auth.project.clone()]
            }
        };
        let (servers, volumes, fips, images, names) = tokio::join!(
            servers,
            usage::volumes(&os, pid, all_projects),
            usage::floating_ips(&os, pid, all_projects),
            usage::images(&os, pid, all_projects),
            names,
        );
        let mut gaps = vec![];
        let servers = counted(&mut gaps, "Instances", servers)?;
        let volumes = counted(&mut gaps, "Volumes", volumes)?;
        let fips = counted(&mut gaps, "Floating IPs", fips)?;
        let images = counted(&mut gaps, "Images", images)?;
        let name_of: HashMap<&str, &str> = names
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        let projects = combine(
            &period,
            servers,
            &volumes,
            &fips,
            &images,
            &state.config.prices,
            |id| name_of.get(id).map(|n| n.to_string()),
            all_projects,
        );
        Ok(UsageReport {
            period,
            prices: state.config.prices.clone(),
            projects,
            gaps,
        })
    }

    /// A service's answer, or nothing counted and a gap said in words. A lost session
    /// fails the whole report.
    fn counted<T: Default>(
        gaps: &mut Vec<String>,
        what: &str,
        r: Result<T, OsError>,
    ) -> Result<T, AppError> {
        match r {
            Ok(v) => Ok(v),
            Err(OsError::Unauthorized { .. }) => Err(AppError::NotLoggedIn),
            Err(e) => {
                gaps.push(format!("{what} are not counted: {}", AppError::from(e)));
                Ok(T::default())
            }
        }
    }

    /// Joins the services' figures per project (pure: unit-tested below). The project page
    /// keeps its servers for the per-instance table; the admin page does not need them.
    #[allow(clippy::too_many_arguments)]
    pub fn combine(
        period: &Period,
        servers: HashMap<String, Vec<ServerUsage>>,
        volumes: &[Held],
        fips: &[Held],
        images: &[Held],
        prices: &crate::model::usage::Prices,
        name_of: impl Fn(&str) -> Option<String>,
        all_projects: bool,
    ) -> Vec<ProjectUsage> {
        let mut figures: BTreeMap<String, (UsageFigures, Vec<ServerUsage>)> = BTreeMap::new();
        for (project, list) in servers {
            let entry = figures.entry(project).or_default();
            entry.0.add_servers(&list);
            entry.1 = list;
        }
        let held_hours = |h: &Held| {
            h.created_at
                .map_or(period.hours(), |c| hours_within(period, c, None))
        };
        for v in volumes {
            figures
                .entry(v.project_id.clone())
                .or_default()
                .0
                .volume_gb_hours += v.amount * held_hours(v);
        }
        for f in fips {
            figures
                .entry(f.project_id.clone())
                .or_default()
                .0
                .floating_ip_hours += f.amount * held_hours(f);
        }
        for i in images {
            figures
                .entry(i.project_id.clone())
                .or_default()
                .0
                .image_gb_months += i.amount * held_hours(i) / HOURS_PER_MONTH;
        }
        let mut out: Vec<ProjectUsage> = figures
            .into_iter()
            .map(|(id, (f, mut servers))| {
                servers.sort_by(|a, b| a.name.cmp(&b.name));
                if all_projects {
                    servers.clear();
                }
                let name = name_of(&id).unwrap_or_else(|| id.clone());
                ProjectUsage::new(id, name, f, servers, prices)
            })
            .collect();
        // The dearest first; at equal cost (no prices), the busiest.
        out.sort_by(|a, b| {
            b.total
                .total_cmp(&a.total)
                .then(b.figures.vcpu_hours.total_cmp(&a.figures.vcpu_hours))
                .then(a.project_name.cmp(&b.project_name))
        });
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use chrono::{DateTime, Utc};

        fn at(s: &str) -> DateTime<Utc> {
            DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
        }

        #[test]
        fn figures_are_gathered_per_project() {
            let period = Period {
                start: at("2026-11-01T00:00:00Z"),
                end: at("2026-11-01T10:00:00Z"),
            };
            let server = |name: &str, hours: f64| ServerUsage {
                id: name.into(),
                name: name.into(),
                flavor: "m1.tiny".into(),
                vcpus: 1,
                ram_mb: 512,
                disk_gb: 1,
                hours,
                state: "active".into(),
            };
            let servers = HashMap::from([(
                "a".to_string(),
                vec![server("vm2", 4.0), server("vm1", 10.0)],
            )]);
            let held = |p: &str, amount: f64, created: &str| Held {
                project_id: p.into(),
                created_at: Some(at(created)),
                amount,
            };
            let prices = crate::model::usage::Prices {
                vcpu_hour: 1.0,
                volume_gb_hour: 0.1,
                ..Default::default()
            };
            let out = combine(
                &period,
                servers,
                &[held("b", 10.0, "2026-11-01T05:00:00Z")],
                &[],
                &[],
                &prices,
                |id| (id == "a").then(|| "alpha".to_string()),
                false,
            );
            // a: 14 vCPU-hours = 14.00; b: 10 GB × 5 h × 0.1 = 5.00.
            assert_eq!(out.len(), 2);
            assert_eq!(
                (out[0].project_name.as_str(), out[0].total),
                ("alpha", 14.0)
            );
            assert_eq!(out[0].servers[0].name, "vm1");
            assert_eq!((out[1].project_name.as_str(), out[1].total), ("b", 5.0));
            assert_eq!(out[1].figures.volume_gb_hours, 50.0);
        }
    }
}
