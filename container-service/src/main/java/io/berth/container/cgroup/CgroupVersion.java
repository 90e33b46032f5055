package io.berth.container.cgroup;

/**
 * Which cgroup interface the kernel offers Berth: the per-controller v1 hierarchies or the unified
 * v2 hierarchy (<a href="https://docs.kernel.org/admin-guide/cgroup-v2.html">cgroup-v2</a>).
 */
public enum CgroupVersion {
  V1,
  V2
}
