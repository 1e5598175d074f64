@echo off
rem goproxy: Go's module proxy protocol, routing and checksum verification from the shell.
rem JAVA_HOME selects the Java runtime (17 or later); GOPROXY_JAVA_OPTS adds JVM options.
setlocal
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" %GOPROXY_JAVA_OPTS% -jar "%~dp0..\lib\goproxy.jar" %*
