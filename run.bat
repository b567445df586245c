@echo off
rem Starts the VAE latent-space explorer; with arguments, runs its command line (train, eval, render, bench).
rem Builds the jar with Maven on first use and whenever the sources change; picks the CUDA build when
rem nvidia-smi reports a GPU. run.bat package builds a self-contained app (docs/packaging.md).
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

if /i "%~1"=="package" goto package

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
exit /b %ERRORLEVEL%

:package
rem run.sh package's steps for Windows (docs/packaging.md): an app image in target\dist with JavaFX and the JDK
rem modules the app uses in its runtime, then an .msi where the WiX Toolset 3 is on PATH
where jpackage >nul 2>nul || (echo error: jpackage ^(part of the JDK, 17 or newer^) is not on PATH 1>&2 & exit /b 1)
set INPUT=target\package-input
for %%d in ("%INPUT%" target\dist target\package-javafx) do if exist %%d rmdir /s /q %%d
mkdir "%INPUT%\assets" target\package-javafx
copy /y "%JAR%" "%INPUT%\" >nul
xcopy /e /i /q target\lib "%INPUT%\lib" >nul
move /y "%INPUT%\lib\javafx-*-win.jar" target\package-javafx\ >nul
del /q "%INPUT%\lib\javafx-*.jar"
for %%d in (mnist models examples) do xcopy /e /i /q assets\%%d "%INPUT%\assets\%%d" >nul
set CP=
for %%f in ("%INPUT%\lib\*.jar") do (
  if defined CP (set CP=!CP!;%%~f) else (set CP=%%~f)
)
set MODULES=
for /f "delims=" %%m in ('jdeps --ignore-missing-deps --print-module-deps --multi-release 17 --class-path "!CP!" "%JAR%"') do set MODULES=%%m
if "!MODULES!"=="" (echo error: jdeps found no modules 1>&2 & exit /b 1)
for /f %%v in ('powershell -NoProfile -Command "([xml](Get-Content pom.xml)).project.version -replace '-SNAPSHOT',''"') do set VERSION=%%v
echo packaging the VAE explorer !VERSION! into target\dist ... 1>&2
jpackage --type app-image --name vae-explorer --app-version !VERSION! --dest target\dist --input "%INPUT%" ^
  --main-jar vae-explorer.jar --main-class io.vaeexplorer.Main ^
  --java-options "-XX:MaxGCPauseMillis=20 -Xmx6g -Dai.djl.offline=true" --win-console ^
  --module-path target\package-javafx ^
  --add-modules !MODULES!,jdk.crypto.ec,jdk.localedata,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls ^
  --description "VAE latent-space explorer" --vendor "VAE explorer" || exit /b 1
echo app image: target\dist\vae-explorer (launcher: target\dist\vae-explorer\vae-explorer.exe) 1>&2
where candle >nul 2>nul || exit /b 0
jpackage --type msi --app-image target\dist\vae-explorer --name vae-explorer --app-version !VERSION! ^
  --dest target\dist --description "VAE latent-space explorer" --vendor "VAE explorer" ^
  --win-menu --win-shortcut || exit /b 1
echo installer: target\dist\vae-explorer-!VERSION!.msi 1>&2
