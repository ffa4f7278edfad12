package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// On a shared two-core machine, other work skews wall times more than
// anything the benchmark does. cpuUsage tells how much of the machine other
// processes took during one timed command: all CPUs' busy time minus the
// benchmark's own, ecsmock's and the terraform command's (whose resource
// usage includes the providers it waited for).
type cpuUsage struct {
	machine, self, mock time.Duration
}

// The kernel reports /proc times in ticks of 1/100 s on every Linux
// architecture (USER_HZ).
const tick = 10 * time.Millisecond

func readCPUUsage(mockPID int) cpuUsage {
	var self syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	return cpuUsage{
		machine: machineBusy(),
		self:    time.Duration(self.Utime.Nano() + self.Stime.Nano()),
		mock:    processCPU(mockPID),
	}
}

// othersShare is the share of the machine's capacity that processes outside
// the benchmark used between two readings.
func othersShare(before, after cpuUsage, command, elapsed time.Duration) float64 {
	ours := after.self - before.self + after.mock - before.mock + command
	others := after.machine - before.machine - ours
	capacity := elapsed * time.Duration(runtime.NumCPU())
	return max(0, others.Seconds()/capacity.Seconds())
}

// machineBusy sums the non-idle time of all CPUs from /proc/stat.
func machineBusy() time.Duration {
	data, _ := os.ReadFile("/proc/stat")
	line, _, _ := strings.Cut(string(data), "\n")
	// cpu user nice system idle iowait irq softirq steal guest guest_nice:
	// idle and iowait are not busy; guest time is already in user and nice.
	fields := strings.Fields(line)
	var busy int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} {
		if i < len(fields) {
			ticks, _ := strconv.ParseInt(fields[i], 10, 64)
			busy += ticks
		}
	}
	return time.Duration(busy) * tick
}

// processCPU is a process's user and system time from /proc/<pid>/stat.
func processCPU(pid int) time.Duration {
	data, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	// The command name may hold spaces; the fields after it are fixed.
	_, rest, _ := strings.Cut(string(data), ") ")
	fields := strings.Fields(rest)
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * tick
}
