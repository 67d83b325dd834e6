#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image (Ubuntu), as root
# (written by ./workbook release --gradescope).
#
# Installs a JDK 25 (Temurin, from Adoptium's APT repository) and Maven, records the JDK's home for
# run_autograder, and makes the unprivileged user that student code runs as. The grader itself is
# in gort/lib (compiled, with its dependencies): grading needs no network. Maven is there so that
# an instructor debugging on the image (Gradescope's "Debug via SSH") can build and run a checkout
# of the workbook exactly as on their own machine.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gnupg maven

# Temurin 25 from Adoptium's repository (https://adoptium.net/installation/linux/).
install -d -m 0755 /etc/apt/keyrings
curl -fsSL https://packages.adoptium.net/artifactory/api/gpg/key/public \
    | gpg --dearmor -o /etc/apt/keyrings/adoptium.gpg
codename=$(. /etc/os-release && echo "${VERSION_CODENAME}")
echo "deb [signed-by=/etc/apt/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb ${codename} main" \
    > /etc/apt/sources.list.d/adoptium.list
apt-get update
apt-get install -y --no-install-recommends temurin-25-jdk

java_home=$(ls -d /usr/lib/jvm/temurin-25-jdk* | head -n 1)
"$java_home/bin/java" -version
echo "$java_home" > /autograder/source/java-home
mvn -v

id gort-student >/dev/null 2>&1 || useradd --system --create-home --shell /usr/sbin/nologin gort-student
chmod -R a+rX /autograder/source
