#!/usr/bin/env python3
"""The VM tests' checks, run inside the Debian guest at boot by aitbc-guest-checks.service (src/test/vm/build-guest).

Reads OUT/config.json (written by src/test/vm/run-guest-tests: the simulator's URLs as the guest reaches them, the test
classpath), runs every check and writes OUT/report.json: {"guest": {versions}, "checks": [{name, ok, detail, seconds}]}.
The host asserts the report; this script only records. The guest powers off when it ends.

1. sandbox: SandboxLimitsTest and CgroupV2SandboxTest through the JUnit launcher, each run in a transient systemd
   service with Delegate=yes, one as root and one as the service user aitbc-miner, side by side. Left out:
   SandboxLimitsTest's timeout test, whose bounds (the grandchild running within the 1 s limit, its SIGTERM within 1 s
   of it) assume real hardware: under emulation python needs seconds to start two interpreters. CgroupV2SandboxTest
   checks the kill on timeout with a 3 s limit instead;
2. unit: deploy/systemd installed as the README says, started, ready on the management port, in cgroup v2 under
   <unit>/agent, a job in its own cgroup, a memory-limited job killed by its cgroup (E_OOM), `kill -9` and the restart
   lose nothing, `systemctl stop` drains a running job and exits 0.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request

OUT = pathlib.Path(sys.argv[1])
REPO = pathlib.Path('/mnt/run/repo')
JAVA = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java'
UNIT = 'aitbc-miner'
UNIT_CGROUP = pathlib.Path('/sys/fs/cgroup/system.slice/aitbc-miner.service')
READY = 'http://127.0.0.1:9000/q/health/ready'
TASKS = REPO / 'src/test/resources/python-tasks'
CONFIG = json.loads((OUT / 'config.json').read_text())
report = {'guest': {}, 'checks': []}


def save():
    (OUT / 'report.json').write_text(json.dumps(report, indent=2) + '\n')


def check(name, ok, detail='', started=None):
    entry = {'name': name, 'ok': bool(ok), 'detail': str(detail)[:4000]}
    if started is not None:
        entry['seconds'] = round(time.monotonic() - started, 1)
    report['checks'].append(entry)
    save()
    print(f"[check] {'PASS' if ok else 'FAIL'} {name}" + ('' if ok else f": {str(detail)[:400]}"), flush=True)
    return bool(ok)


def sh(*argv, check_rc=False, **kw):
    done = subprocess.run(list(argv), capture_output=True, text=True, **kw)
    if check_rc and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.strip()[-600:]}")
    return done


def until(what, condition, timeout, every=1.0):
    """condition() until it answers something truthy; raises with `what` when `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        answer = condition()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(every)


def eventually(condition, timeout):
    try:
        return bool(until('condition', condition, timeout, every=0.5))
    except TimeoutError:
        return False


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b'{}')
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b'{}')


def control(method, path, body=None):
    status, answer = http(method, CONFIG['control_url'] + path, body)
    if status != 200:
        raise RuntimeError(f"simulator {method} {path}: {status} {answer}")
    return answer


def submit(module, args):
    return control('POST', '/control/jobs', {'payload': {'type': 'python', 'module': module, 'args': args}})['job_id']


def job(job_id):
    return control('GET', f'/control/jobs/{job_id}')


def ended(job_id, timeout):
    def final():
        answer = job(job_id)
        return answer if answer['state'] in ('COMPLETED', 'FAILED') else None
    return until(f'job {job_id} ends', final, timeout)


def versions():
    guest = report['guest']
    guest['kernel'] = os.uname().release
    guest['systemd'] = sh('systemctl', '--version').stdout.splitlines()[0]
    guest['cgroup_fs'] = sh('stat', '-fc', '%T', '/sys/fs/cgroup').stdout.strip()
    guest['cgroup_controllers'] = pathlib.Path('/sys/fs/cgroup/cgroup.controllers').read_text().strip()
    guest['util_linux'] = sh('unshare', '--version').stdout.strip()
    guest['python'] = sh('python3', '--version').stdout.strip()
    guest['redis'] = sh('redis-server', '--version').stdout.strip()
    userns = pathlib.Path('/proc/sys/kernel/unprivileged_userns_clone')
    guest['unprivileged_userns_clone'] = userns.read_text().strip() if userns.exists() else 'n/a'
    started = time.monotonic()
    guest['java'] = sh(JAVA, '-version').stderr.splitlines()[0]
    guest['java_version_seconds'] = round(time.monotonic() - started, 1)
    guest['cpus'] = os.cpu_count()
    save()
    check('guest: /sys/fs/cgroup is cgroup v2 with memory and pids',
          guest['cgroup_fs'] == 'cgroup2fs' and {'memory', 'pids'} <= set(guest['cgroup_controllers'].split()), guest)


def install():
    """deploy/systemd as README.md's "systemd" section installs it (the JDK's disk is mounted where the unit looks)."""
    sh('useradd', '--system', '--home-dir', '/var/lib/aitbc/miner', '--shell', '/usr/sbin/nologin', UNIT,
       check_rc=True)
    sh('install', '-d', '-o', UNIT, '-g', UNIT, '-m', '0750', '/var/lib/aitbc/miner', '/var/lib/aitbc/miner/jobs',
       check_rc=True)
    sh('install', '-d', '-m', '0755', '/opt/aitbc/miner', '/etc/aitbc/miner/allowlist.d', check_rc=True)
    sh('cp', '-r', str(REPO / 'target/quarkus-app') + '/.', '/opt/aitbc/miner/', check_rc=True)
    env = (REPO / 'deploy/systemd/aitbc-miner.env.example').read_text()
    env = re.sub(r'(?m)^MINER_COORDINATOR_URL=.*$', 'MINER_COORDINATOR_URL=' + CONFIG['api_base'], env)
    env += '\n# VM tests\nMINER_ID=vm-guest\nMINER_POLL_INTERVAL=1s\nMINER_CPU_SLOTS=2\n'
    pathlib.Path('/tmp/aitbc-miner.env').write_text(env)
    pathlib.Path('/tmp/miner-api-key').write_text(CONFIG['api_key'] + '\n')
    sh('install', '-m', '0640', '-g', UNIT, '/tmp/aitbc-miner.env', '/etc/aitbc/miner/aitbc-miner.env', check_rc=True)
    sh('install', '-m', '0600', '/tmp/miner-api-key', '/etc/aitbc/miner/api-key', check_rc=True)
    sh('install', '-m', '0644', str(REPO / 'deploy/systemd/aitbc-miner.service'), '/etc/systemd/system/',
       check_rc=True)
    for entry in sorted((REPO / 'src/test/resources/allowlist').glob('*.yaml')):
        text = entry.read_text().replace('@PYTHON_TASKS@', str(TASKS))
        pathlib.Path('/etc/aitbc/miner/allowlist.d', entry.name).write_text(text)


def test_class(simple_name):
    found = sorted((REPO / 'target/test-classes').rglob(simple_name + '.class'))
    if not found:
        raise RuntimeError(f'{simple_name}.class is not in target/test-classes')
    return str(found[0].relative_to(REPO / 'target/test-classes'))[:-len('.class')].replace('/', '.')


EMULATION_BOUND = '.*#aJobPastItsTimeoutAndItsGrandchildGetSigtermWithinOneSecondAndAreGoneWithinThree.*'


def sandbox_run(who, user):
    """Starts the sandbox test classes in a transient service with its own delegated cgroup, as `user` (None: root)."""
    file = pathlib.Path('/run/aitbc-vm') / f'junit-{who}.json'
    argv = ['systemd-run', '--wait', '--pipe', '--quiet', '--collect', f'--unit=aitbc-sandbox-{who}',
            '-p', 'Delegate=yes', '-p', f'WorkingDirectory={REPO}', '-p', 'Environment=HOME=/tmp']
    if user:
        argv += ['-p', f'User={user}', '-p', f'Group={user}']
    argv += [JAVA, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', CONFIG['classpath'],
             'io.aitbc.miner.testing.TestClassLauncher', str(file), '--exclude', EMULATION_BOUND,
             test_class('SandboxLimitsTest'), test_class('CgroupV2SandboxTest')]
    log = open(OUT / f'sandbox-{who}.log', 'w')
    return file, subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)


def sandbox_tests():
    """Both runs at once (root and aitbc-miner): each JVM and its jobs leave the other vCPU idle much of the time."""
    results = pathlib.Path('/run/aitbc-vm')
    results.mkdir(exist_ok=True)
    shutil.chown(results, UNIT, UNIT)
    started = time.monotonic()
    runs = {who: sandbox_run(who, user) for who, user in (('root', None), ('aitbc-miner', UNIT))}
    for who, (file, process) in runs.items():
        process.wait()
        if not file.exists():
            check(f'sandbox[{who}]: the test launcher ran', False, (OUT / f'sandbox-{who}.log').read_text()[-3000:],
                  started)
            continue
        tests = json.loads(file.read_text())['tests']
        (OUT / f'junit-{who}.json').write_text(json.dumps(tests, indent=2))
        check(f'sandbox[{who}]: the test launcher ran ({len(tests)} tests)', len(tests) >= 13, '', started)
        for test in tests:
            check(f"sandbox[{who}]: {test['test']}", test['status'] == 'SUCCESSFUL',
                  f"{test['status']}: {test['message']}")


def unit_property(name):
    return sh('systemctl', 'show', '-p', name, '--value', UNIT).stdout.strip()


def ready():
    try:
        status, answer = http('GET', READY)
        return answer if status == 200 else None
    except (OSError, ValueError):
        return None


def job_cgroups():
    return sorted(p.name for p in UNIT_CGROUP.glob('aitbc-job-*')) if UNIT_CGROUP.exists() else []


def running_job_cgroup(job_id, timeout):
    """The job's cgroup once its process is in it (the trampoline moves itself there just after the start)."""
    def populated():
        for cgroup in UNIT_CGROUP.glob(f'aitbc-job-{job_id}-*'):
            try:
                if (cgroup / 'cgroup.procs').read_text().strip():
                    return cgroup
            except OSError:
                pass  # the job ended meanwhile
        return None
    return until(f'a cgroup with the process of job {job_id}', populated, timeout, every=0.2)


def unit_checks():
    started = time.monotonic()
    done = sh('sh', '-c', 'systemctl daemon-reload && systemctl enable --now aitbc-miner')
    check('unit: installed as the README says and started (systemctl enable --now)', done.returncode == 0,
          done.stderr, started)
    readiness = until('readiness UP on the management port', ready, 300)
    check('unit: ready on the management port (/q/health/ready UP)', readiness.get('status') == 'UP', readiness,
          started)
    facilities = next((json.loads(c['data']['facilities']) for c in readiness['checks'] if c['name'] == 'sandbox'),
                      {})
    check('unit: sandbox facilities are cgroup v2, netns and rlimit', facilities == {'netns': True, 'cgroup': 'v2',
                                                                                     'rlimit': True}, facilities)
    pid = unit_property('MainPID')
    own = pathlib.Path(f'/proc/{pid}/cgroup').read_text().strip()
    uid = next(line.split()[1] for line in pathlib.Path(f'/proc/{pid}/status').read_text().splitlines()
               if line.startswith('Uid:'))
    check('unit: the agent runs as aitbc-miner in <unit>/agent', own == '0::/system.slice/aitbc-miner.service/agent'
          and uid == sh('id', '-u', UNIT).stdout.strip(), f'{own} uid={uid}')
    control_file = (UNIT_CGROUP / 'cgroup.subtree_control').read_text().split()
    check('unit: the unit cgroup delegates memory and pids to job cgroups', {'memory', 'pids'} <= set(control_file),
          control_file)

    started = time.monotonic()
    echo = ended(submit('aitbc_test.echo_json', {'hello': 'guest'}), 120)
    check('unit: a python job completes', echo['state'] == 'COMPLETED', echo, started)

    started = time.monotonic()
    slow = submit('aitbc_test.timed_cpu', {'seconds': 6})
    cgroup = running_job_cgroup(slow, 120)
    limits = {f: (cgroup / f).read_text().strip() for f in ('pids.max', 'memory.swap.max', 'cgroup.procs')}
    check('unit: a running job has its own cgroup beside agent, pids.max 1024', limits['pids.max'] == '1024'
          and limits['cgroup.procs'] != '', {'cgroup': cgroup.name, **limits}, started)
    ended(slow, 120)
    check('unit: the job cgroup is removed when the job ends', eventually(lambda: not job_cgroups(), 30),
          job_cgroups())

    started = time.monotonic()
    hog = ended(submit('aitbc_test.hog', {'mb': 512}), 180)
    check('unit: a job past its 128Mi memory limit is killed by its cgroup: E_OOM, not suspected',
          hog['state'] == 'FAILED' and (hog['error'] or '').startswith('E_OOM') and 'suspected' not in hog['error'],
          {'state': hog['state'], 'error': hog['error']}, started)

    started = time.monotonic()
    jobs = [submit('aitbc_test.timed_cpu', {'seconds': 4}) for _ in range(4)]
    running_job_cgroup(jobs[0], 120)
    restarts = int(unit_property('NRestarts'))
    killed = unit_property('MainPID')
    sh('kill', '-9', killed, check_rc=True)
    until('systemd restarts the agent', lambda: int(unit_property('NRestarts')) > restarts
          and unit_property('MainPID') not in ('0', killed), 120)
    until('readiness UP after the restart', ready, 300)
    finals = [ended(j, 300) for j in jobs]
    summary = control('GET', '/control/summary')
    check('unit: kill -9, the restart, and every job completes with exactly one report',
          all(j['state'] == 'COMPLETED' and len(j['reports']) == 1 for j in finals)
          and summary['multiReportJobs'] == [],
          {'jobs': [(j['state'], len(j['reports'])) for j in finals], 'summary': summary}, started)
    check('unit: no job cgroup is left after the restart', eventually(lambda: not job_cgroups(), 30), job_cgroups())

    started = time.monotonic()
    draining = submit('aitbc_test.timed_cpu', {'seconds': 10})
    running_job_cgroup(draining, 120)
    stop = sh('systemctl', 'stop', UNIT)
    status, result = unit_property('ExecMainStatus'), unit_property('Result')
    drained = job(draining)
    check('unit: systemctl stop drains the running job and the agent exits 0', stop.returncode == 0
          and status == '0' and result == 'success' and drained['state'] == 'COMPLETED',
          {'ExecMainStatus': status, 'Result': result, 'job': drained['state'], 'stop': stop.stderr}, started)


def section(name, body):
    try:
        body()
    except Exception as e:  # a failed step is a failed check; the next section still runs
        check(f'{name}: completed without an error', False, ''.join(traceback.format_exception(e))[-3000:])


def main():
    print('[check] guest checks start', flush=True)
    section('guest', versions)
    section('install', install)
    section('sandbox', sandbox_tests)
    section('unit', unit_checks)
    journal = sh('journalctl', '-u', UNIT, '--no-pager', '-o', 'short-monotonic')
    (OUT / 'aitbc-miner.journal').write_text(journal.stdout)
    report['done'] = True
    save()
    print('[check] guest checks done', flush=True)


if __name__ == '__main__':
    main()
