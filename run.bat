@echo off
rem Starts the VAE latent-space explorer; with arguments, runs its command line (train, eval, render, bench).
rem Builds the jar with Maven on first use and whenever the sources change; picks the CUDA build when
rem nvidia-smi reports a GPU.
setlocal enabledelayedexpansion
cd /d "%~dp0"

set PROFILE=cpu
where nvidia-smi >nul 2>nul && (nvidia-smi -L 2>nul | findstr /b "GPU" >nul && set PROFILE=cuda)

set JAR=target\vae-explorer.jar
set STAMP=target\.build-profile
set BUILD=no
if not exist "%JAR%" set BUILD=yes
set LAST=
if exist "%STAMP%" set /p LAST=<"%STAMP%"
if not "!LAST!"=="%PROFILE%" set BUILD=yes
if "!BUILD!"=="no" (
  for /f %%i in ('powershell -NoProfile -Command "$j=(Get-Item '%JAR%').LastWriteTime; if ((Get-ChildItem -Recurse src,pom.xml | Where-Object { $_.LastWriteTime -gt $j }).Count -gt 0) { 'yes' } else { 'no' }"') do set BUILD=%%i
)
if "!BUILD!"=="yes" (
  echo building the VAE explorer ^(%PROFILE% PyTorch; the first build downloads dependencies^) ... 1>&2
  set ARGS=-B -q -Dmaven.test.skip=true
  if "%PROFILE%"=="cuda" set ARGS=!ARGS! -Pcuda
  if not "!LAST!"=="%PROFILE%" set ARGS=!ARGS! clean
  call mvnw.cmd !ARGS! package 1>&2 || exit /b 1
  echo %PROFILE%> "%STAMP%"
)

set DJL_OFFLINE=true
if "%JAVA_OPTS%"=="" set JAVA_OPTS=-Xmx6g
rem JavaFX's Windows jars as named modules, so that it starts without the "Unsupported JavaFX configuration"
rem warning (see run.sh)
set FXPATH=
for %%f in (target\lib\javafx-*-win.jar) do (
  if defined FXPATH (set FXPATH=!FXPATH!;%%f) else (set FXPATH=%%f)
)
rem short GC pauses for the window (see run.sh)
java -XX:MaxGCPauseMillis=20 %JAVA_OPTS% -Dai.djl.offline=true --module-path "!FXPATH!" ^
  --add-modules javafx.base,javafx.graphics,javafx.controls -jar "%JAR%" %*
